// The factory key's public half. Like MCUboot's root-ec-p256.pem, the pair is a development key committed in the
// repository (private half: keys/factory-ec-p256.pem, read only by the build through scripts/factorySigner.ts):
// it signs the model images the boards ship with, and every simulated board trusts it from manufacture. Anyone can
// sign with it, so it proves nothing outside this simulator; a product keeps its factory key in an HSM.
import { fromHex, publicKeyHash } from './keys';

export const FACTORY_PUBLIC_KEY = fromHex(
  '040396605c24f3d5adf671f7d2d288c3e3d3d5784938cd37303f76ff615fa17654b68df92d5ea7a7d123ebf2da3044052f234b4331680fb053ffebc578375797b2',
);
export const FACTORY_KEY_HASH = publicKeyHash(FACTORY_PUBLIC_KEY);
