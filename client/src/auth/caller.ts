/** Who is calling: the API key's name, the Fabric identity it acts as and the enterprise it acts for. */
export interface Caller {
  readonly keyName: string;
  readonly identity: string;
  readonly mspId: string;
  readonly enterpriseId: string;
}
