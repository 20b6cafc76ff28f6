export { AppError, readJson, toErrorResponse } from "@/lib/api/errors";
export { actorUserId, isStillAuthorized, withErrors, withUser, withWorkspace } from "@/lib/api/handler";
