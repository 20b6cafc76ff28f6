import { z } from "zod";

// The People and Objects management API's query parameters (isomorphic: the list view builds the same query).

const attributeKey = z
  .string()
  .trim()
  .min(1, "Name an attribute")
  .max(100, "Attribute names are at most 100 characters");

export const listPeopleSchema = z.object({
  search: z.string().trim().max(200, "Search for at most 200 characters").optional(),
  /** People who have this attribute. */
  has: attributeKey.optional(),
  /** `attribute=value`: people whose attribute has this value. */
  attr: attributeKey.optional(),
  value: z.string().max(500).optional(),
  /** Seen (identified or active) in the last N days. */
  seenDays: z.coerce.number().int().min(1, "At least 1 day").max(3650).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPeopleInput = z.infer<typeof listPeopleSchema>;

export const listActivitySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListActivityInput = z.infer<typeof listActivitySchema>;

export const listObjectsSchema = z.object({
  type: z.coerce.number().int().min(1).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListObjectsInput = z.infer<typeof listObjectsSchema>;

export type PersonSummaryDto = {
  id: string;
  externalId: string | null;
  email: string | null;
  cioId: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  lastSeenAt: string | null;
};

export type PeopleListDto = {
  people: PersonSummaryDto[];
  nextCursor: string | null;
  /** People in the workspace, and (with a search or filter) how many match, counted up to 10,001 ("10,000+"). */
  total: number;
  matching: number | null;
};

export type AttributeDto = { name: string; value: unknown; changedAt: string | null };

export type PersonDto = PersonSummaryDto & {
  attributeList: AttributeDto[];
  devices: { token: string; platform: string; lastUsedAt: string | null; attributes: Record<string, unknown> }[];
  relationships: {
    objectTypeId: number;
    objectTypeName: string;
    objectId: string;
    attributes: Record<string, unknown>;
    objectAttributes: Record<string, unknown>;
  }[];
  anonymousIds: string[];
};

export type ActivityDto = {
  id: string;
  type: "event" | "page" | "screen";
  name: string;
  data: Record<string, unknown>;
  timestamp: string;
  receivedAt: string;
  /** Where it came from: the Sluice source that received the call, else the tracking key of a direct Track API call. */
  via: string | null;
  /** That source, when it came through one (null for a direct Track API call); linkable while it exists. */
  sourceId: string | null;
};

export type ActivityListDto = { activity: ActivityDto[]; nextCursor: string | null };

export type ObjectTypeDto = { typeId: number; name: string; objectCount: number };
export type ObjectSummaryDto = {
  typeId: number;
  objectId: string;
  attributes: Record<string, unknown>;
  peopleCount: number;
  updatedAt: string;
};
export type ObjectsListDto = { types: ObjectTypeDto[]; objects: ObjectSummaryDto[]; nextCursor: string | null };
export type ObjectDto = ObjectSummaryDto & {
  typeName: string;
  people: { id: string; externalId: string | null; email: string | null; attributes: Record<string, unknown> }[];
};
