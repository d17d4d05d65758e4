/** One choice of an AppSelect: the value it stands for and the text it shows. */
export interface SelectOption {
  value: string;
  label: string;
  /** Listed but not choosable (say, a removed entry shown only because it is the current choice). */
  disabled?: boolean;
}
