/**
 * `membership-packing`: the plan of a membership-heavy job (1,000 users each in 100 of 1,000 groups: 100,000
 * memberships) under both `membershipPacking` settings: sessions and uploads (one line each).
 */
import { describePlan } from "../src/import/describe-plan";
import { planImport } from "../src/import/plan";
import { MEMBERSHIP_PACKINGS } from "../src/schemas/import-data";
import { type Figure, note, report } from "./bench";
import { membershipHeavyJob } from "./jobs";

export const figures: Figure[] = [
  {
    name: "membership-packing",
    run() {
      const data = membershipHeavyJob();
      for (const membershipPacking of MEMBERSHIP_PACKINGS) {
        const plan = planImport({ ...data, membershipPacking });
        note(`${membershipPacking}: ${describePlan(plan)}`);
        report("membership-packing", {
          membershipPacking,
          sessions: plan.totals.sessions,
          uploads: plan.totals.uploads,
          membershipUploads: plan.totals.uploadsByKind.upsertMemberships,
          uploadLowerBound: plan.totals.uploadLowerBound,
        });
      }
    },
  },
];
