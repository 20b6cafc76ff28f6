// The built-in Journeys people store. The Track API (lib/track-api) is its one writer; the management API and
// the People pages read it through lib/data/people.ts.
export { PeopleError } from "./errors";
export type { Identifiers } from "./identifiers";
export { identifierFromValue, parseIdentifiers } from "./identifiers";
export { identify, deletePerson, suppressPerson, unsuppressPerson, mergePeople } from "./people";
export { trackActivity, type ActivityType } from "./activity";
export { addDevice, deleteDevice } from "./devices";
export { identifyObject, deleteObject, deleteRelationships, parseObjectRef, type RelatedPerson } from "./objects";
export type { PeopleContext } from "./context";
