/** Credentials for one registry; either may be empty (a token as password, an anonymous pull). */
export interface RegistryAuth {
  username?: string;
  password?: string;
}
