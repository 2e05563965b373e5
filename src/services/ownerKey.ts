// This browser profile's signing key as the boards' owner key (shared by a new board's provisioning and by
// Deploy), or undefined where it cannot be kept — with the reason, for the device panel.
import { profileSigner, type ProfileSigner } from './signingKey';

let problem: string | undefined;

export async function ownerKey(): Promise<ProfileSigner | undefined> {
  try {
    const signer = await profileSigner();
    problem = undefined;
    return signer;
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
    return undefined;
  }
}

/** Why the last ownerKey() had no key. */
export const ownerKeyProblem = (): string | undefined => problem;
