export { AppError, readJson, toErrorResponse } from "@/lib/api/errors";
export { actorUserId, isStillAuthorized, withErrors, withSignedIn, withUser, withWorkspace } from "@/lib/api/handler";
