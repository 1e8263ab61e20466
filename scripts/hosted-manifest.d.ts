/** Types of scripts/hosted-manifest.js (CommonJS, loaded by webpack.config.js), for the tests. */
export class AddinUrlError extends Error {}
export const DEV_URL: string;
export const SETTING: string;
export function addinBase(text: string | undefined): string;
export function officeVersion(version: string): string;
export function hostedManifest(xml: string, options: { base: string; version: string }): string;
