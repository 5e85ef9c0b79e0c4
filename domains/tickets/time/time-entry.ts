/** What logging time takes. */

export interface LogTimeInput {
  minutes: number;
  /** Default true: MSP work on a client's ticket is billed unless marked otherwise. */
  billable?: boolean;
  notes?: string;
}
