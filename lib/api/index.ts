export { AppError, readJson, toErrorResponse } from "@/lib/api/errors";
export { withErrors, withUser, withWorkspace } from "@/lib/api/handler";
