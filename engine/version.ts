// The package's version, read once from package.json: `landflow --version`, the language server's
// serverInfo and the API document's info.version all print this one.
import { createRequire } from 'node:module';

export const PACKAGE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
