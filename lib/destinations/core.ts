/* eslint-disable @typescript-eslint/no-require-imports */
import "server-only";
import type * as Core from "@segment/actions-core";
import type * as Subscriptions from "@segment/destination-subscriptions";

// Segment's runtime through CommonJS `require`, the one copy the definitions themselves load (they are CJS and
// `require("@segment/actions-core")`). An ES `import` would resolve to the package's separate dist/esm build:
// a second copy whose error classes and Destination are not the definitions' (instanceof would fail).
export const core = require("@segment/actions-core") as typeof Core;
export const subscriptions = require("@segment/destination-subscriptions") as typeof Subscriptions;

type MappingValidate = (mapping: unknown) => void;
/** mapping-kit's validator (not re-exported from the root): throws an iterable AggregateError of messages. */
export const validateMappingShape = (
  require("@segment/actions-core/mapping-kit/validate") as { default: MappingValidate }
).default;
