import type { Route } from "../types.js";

// Filled in by the rulesets route module work; registered by the server from the start.
export const routes: Route[] = [];
