/** This package's version, for the User-Agent. A test keeps it equal to package.json. */
export const VERSION = "0.2.0";
