/** One measured figure, its budget (if the issue sets one) and the verdict. */
export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Upper bound the figure must not exceed. */
  readonly budget?: number;
  readonly pass?: boolean;
  readonly note?: string;
}

export function figure(
  section: string,
  name: string,
  value: number,
  unit: string,
  extra: { budget?: number; note?: string } = {},
): Figure {
  const { budget, note } = extra;
  return {
    section,
    name,
    value,
    unit,
    ...(budget !== undefined ? { budget, pass: value <= budget } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}
