// The public surface of the package. Filled in as resources and functions land.
export {};
