import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { TeamMember } from '../../domain/use-cases/remember-contact';

/** Teams serves a roster in pages of at most 500 members. */
export const ROSTER_PAGE_SIZE = 500;

/**
 * What the job sender needs to start a 1:1 chat with a team member who never opened the app:
 * the connector of the team's region, the tenant, the member's Teams id and the bot's own id.
 */
export interface TeamMemberAddress {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly botId: string;
  readonly teamId?: string;
}

/** The team or group chat the activity came from, or undefined in a 1:1 chat. */
export function rosterScope(context: TurnContext): { readonly teamId?: string } | undefined {
  const { activity } = context;
  const channelData = activity.channelData as { team?: { id?: unknown } } | undefined;
  const teamId = typeof channelData?.team?.id === 'string' ? channelData.team.id : undefined;
  if (teamId) return { teamId };
  return activity.conversation.conversationType === 'groupChat' ? {} : undefined;
}

/**
 * Reads the whole roster of the team (or group chat) page by page; a large team takes several
 * calls, each counted by Teams like any other request.
 */
export async function readRoster(
  context: TurnContext,
  scope: { readonly teamId?: string },
  pageSize = ROSTER_PAGE_SIZE,
): Promise<TeamMember[]> {
  const members: TeamMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = scope.teamId
      ? await TeamsInfo.getPagedTeamMembers(context, scope.teamId, pageSize, continuationToken)
      : await TeamsInfo.getPagedMembers(context, pageSize, continuationToken);
    for (const account of page.members) members.push(teamMemberOf(context, account, scope.teamId));
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

/** The members named in a membersAdded event, looked up one by one (they are few). */
export async function readAddedMembers(
  context: TurnContext,
  scope: { readonly teamId?: string },
  ids: readonly string[],
): Promise<TeamMember[]> {
  const members: TeamMember[] = [];
  for (const id of ids) {
    const account = scope.teamId
      ? await TeamsInfo.getTeamMember(context, scope.teamId, id)
      : await TeamsInfo.getMember(context, id);
    members.push(teamMemberOf(context, account, scope.teamId));
  }
  return members;
}

function teamMemberOf(context: TurnContext, account: TeamsChannelAccount, teamId?: string): TeamMember {
  const { activity } = context;
  const email = (account.userPrincipalName || account.email || '').toLowerCase();
  const address: TeamMemberAddress = {
    serviceUrl: activity.serviceUrl,
    tenantId: account.tenantId || tenantOf(context),
    userId: account.id,
    botId: activity.recipient.id,
    ...(teamId ? { teamId } : {}),
  };
  return {
    person: {
      id: (account.aadObjectId ?? '').toLowerCase(),
      name: account.name,
      ...(email ? { email } : {}),
    },
    teamMember: { ...address },
  };
}

export function tenantOf(context: TurnContext): string {
  const channelData = context.activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return fromChannelData ?? context.activity.conversation.tenantId ?? '';
}
