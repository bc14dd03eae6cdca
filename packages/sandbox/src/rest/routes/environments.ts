import type { Route } from "../types.js";

// Filled in by the environments route module work; registered by the server from the start.
export const routes: Route[] = [];
