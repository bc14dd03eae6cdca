import type { Route } from "../types.js";

// Filled in by the users route module work; registered by the server from the start.
export const routes: Route[] = [];
