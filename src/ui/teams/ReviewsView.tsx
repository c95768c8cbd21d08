/** Reviews due within 14 days and overdue (9.12: reviews at most every three months). */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { ReviewDue } from "../../app/register";
import { formatCalendarDate, personName, strategyName } from "../format";
import { ReviewBadge } from "./ReviewBadge";
import { useTeamsStyles } from "./styles";

export interface ReviewsViewProps {
  readonly reviews: readonly ReviewDue[];
}

export function ReviewsView({ reviews }: ReviewsViewProps) {
  const s = useTeamsStyles();
  const overdue = reviews.filter((r) => r.overdue).length;
  return (
    <section className={s.view} aria-labelledby="reviews-heading" data-testid="reviews">
      <h2 id="reviews-heading" className={s.heading}>
        Reviews due in the next 14 days, and overdue
      </h2>
      {reviews.length === 0 ? (
        <p>No review is due in the next 14 days, and none is overdue.</p>
      ) : (
        <>
          <p className={s.muted}>
            {overdue > 0 ? `${overdue} overdue. ` : ""}A review makes sure the strategy is still appropriate and fit for
            purpose (9.12).
          </p>
          <div className={s.tableScroll}>
            <Table aria-labelledby="reviews-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>Strategy</TableHeaderCell>
                  <TableHeaderCell>Review due</TableHeaderCell>
                  <TableHeaderCell>State</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {reviews.map((r) => (
                  <TableRow key={`${r.personId}/${r.strategyId}`} data-testid="review-row" data-overdue={r.overdue}>
                    <TableCell data-person={r.personId}>{personName(r)}</TableCell>
                    <TableCell data-strategy={r.strategyId}>{strategyName(r)}</TableCell>
                    <TableCell>{formatCalendarDate(r.reviewDue)}</TableCell>
                    <TableCell>
                      <ReviewBadge overdue={r.overdue} daysToReview={r.daysToReview} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}
