import { HttpError, type Route, type RouteContext } from "../types.js";
import { nodeId, simpleUser, teamMembersOf, teamObject, userRecord } from "./users-objects.js";

/** Users and teams known to the sandbox (seeded with seedUser / seedTeam); others are 404. */

const EPOCH = "2020-01-01T00:00:00Z";

function getUser(ctx: RouteContext) {
  const login = ctx.params.username ?? "";
  const known = Object.values(ctx.state.users).find(
    (u) => u.login.toLowerCase() === login.toLowerCase(),
  );
  if (!known) throw new HttpError(404, "Not Found");
  return {
    status: 200,
    body: {
      ...simpleUser(ctx, known.login),
      name: known.login,
      company: null,
      blog: "",
      location: null,
      email: null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: EPOCH,
      updated_at: EPOCH,
    },
  };
}

function getTeam(ctx: RouteContext) {
  const org = ctx.params.org ?? "";
  const team = ctx.state.teams[ctx.params.team_slug ?? ""];
  if (!team) throw new HttpError(404, "Not Found");
  const orgId = userRecord(ctx.state, org).id;
  const orgApi = `${ctx.apiUrl}/orgs/${org}`;
  return {
    status: 200,
    body: {
      ...teamObject(ctx, team, org),
      members_count: (teamMembersOf(ctx.state)[team.slug] ?? []).length,
      repos_count: 0,
      created_at: EPOCH,
      updated_at: EPOCH,
      organization: {
        login: org,
        id: orgId,
        node_id: nodeId("Organization", orgId),
        url: orgApi,
        repos_url: `${orgApi}/repos`,
        events_url: `${orgApi}/events`,
        hooks_url: `${orgApi}/hooks`,
        issues_url: `${orgApi}/issues`,
        members_url: `${orgApi}/members{/member}`,
        public_members_url: `${orgApi}/public_members{/member}`,
        avatar_url: simpleUser(ctx, org).avatar_url,
        description: null,
        html_url: `${ctx.serverUrl}/${org}`,
        has_organization_projects: false,
        has_repository_projects: false,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        type: "Organization",
        created_at: EPOCH,
        updated_at: EPOCH,
        archived_at: null,
      },
    },
  };
}

export const routes: Route[] = [
  { method: "GET", path: "/users/{username}", handler: getUser },
  { method: "GET", path: "/orgs/{org}/teams/{team_slug}", handler: getTeam },
];
