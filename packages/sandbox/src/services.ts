/** A service that `authforte-sandbox start` runs: the demo host, the sandbox PSC, the card agent… */
export interface RunningService {
  /** Short name shown in the start banner. */
  name: string;
  /** Where a person opens it (or where a program reaches it). */
  url: string;
  /** Extra lines for the banner (demo credentials, test card PINs…). */
  notes?: string[];
  close(): Promise<void>;
}
