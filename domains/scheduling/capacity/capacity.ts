/** A team's daily capacity: bookable minutes per local day in the team's zone. */
export interface TeamCapacity {
  teamId: string;
  dailyMinutes: number;
  /** IANA zone whose local days the capacity counts. */
  timezone: string;
}

/** One team's booking load on one local day. */
export interface TeamDayLoad {
  teamId: string;
  date: string;
  capacityMinutes: number;
  bookedMinutes: number;
  /** The threshold event fired since the day was last under capacity. */
  reached: boolean;
}
