/** The state of a review date (9.12) as a badge: overdue, due soon, or when. */
import { Badge } from "@fluentui/react-components";
import { plural } from "../format";

export interface ReviewBadgeProps {
  readonly overdue: boolean;
  readonly daysToReview: number;
}

export function reviewState(overdue: boolean, daysToReview: number): string {
  if (overdue) return `Overdue by ${plural(-daysToReview, "day")}`;
  if (daysToReview === 0) return "Due today";
  if (daysToReview === 1) return "Due tomorrow";
  return `Due in ${plural(daysToReview, "day")}`;
}

export function ReviewBadge({ overdue, daysToReview }: ReviewBadgeProps) {
  const soon = !overdue && daysToReview <= 14;
  return (
    <Badge
      appearance={overdue ? "filled" : "tint"}
      color={overdue ? "danger" : soon ? "warning" : "informative"}
      shape="rounded"
    >
      {reviewState(overdue, daysToReview)}
    </Badge>
  );
}
