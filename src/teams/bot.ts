import {
  ActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import { DomainError } from '../domain/errors';
import { isPersonId, type Language, type Person } from '../domain/model';
import {
  rememberContact,
  rememberTeamMembers,
  type RememberedTeam,
} from '../domain/use-cases/remember-contact';
import { helpCard, noticeCard, welcomeCard, type AdaptiveCard } from './cards';
import { MAX_COMMAND_LENGTH, normaliseCommand } from './command-text';
import { didYouMean } from './commands/did-you-mean';
import { replyWithCard, teamsTurn } from './teams-turn';
import { handleSentFiles, sentFiles } from './files';
import { findCardAction, findCommand } from './routes';
import { readAddedMembers, readRoster, rosterScope } from './proactive/team-roster';
import { TEXTS } from './texts';
import type { BotServices, Turn } from './turn';

/**
 * Translates Teams activities into use-case calls and results into cards. It holds no state and
 * no business rules: routing lives in routes.ts, rules in src/domain.
 */
export class StandVanZakenBot extends ActivityHandler {
  private readonly services: BotServices;

  constructor(services: Omit<BotServices, 'deps'>) {
    super();
    const {
      repositories,
      clock,
      isCoordinator,
      coordinators,
      mayReadAll,
      speerpuntReviewers,
      reminderPlan,
      readRegister,
    } = services;
    this.services = {
      ...services,
      deps: {
        ...repositories,
        clock,
        isCoordinator,
        coordinators,
        mayReadAll,
        speerpuntReviewers,
        reminderPlan,
        readRegister,
      },
    };

    this.onInstallationUpdateAdd(async (context, next) => {
      const turn = await this.startTurn(context);
      const scope = rosterScope(context);
      if (scope) await this.welcomeTeam(context, turn, scope);
      else await replyWithCard(context, welcomeCard(turn.language));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      // Teams sends this on install too; remembering the address is enough, the welcome card
      // (and a team's roster) comes with installationUpdate so nobody is greeted twice.
      const scope = rosterScope(context);
      if (context.activity.conversation.conversationType === 'personal') await this.startTurn(context);
      else if (scope) await this.rememberNewMembers(context, scope);
      await next();
    });

    this.onMessage(async (context, next) => {
      const turn = await this.startTurn(context);
      await this.handleMessage(turn);
      await next();
    });
  }

  /**
   * The tenant allow-list, before anything else runs: someone from another organisation gets a
   * short answer in their language, and nothing about them or from them is stored.
   */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const tenant = tenantOf(context.activity);
    if (this.services.tenantAllowed(tenant)) {
      await super.onTurnActivity(context);
      return;
    }
    this.services.log.warn(
      { tenant, type: asString(context.activity.type), name: asString(context.activity.name) },
      'activity from a tenant that is not allowed refused',
    );
    const t = TEXTS[this.clientLanguage(context)];
    const card = noticeCard({ title: t.foreignTenantTitle, text: t.foreignTenantText, tone: 'attention' });
    if (context.activity.type === 'invoke') {
      const body = { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
    } else if (context.activity.type === 'message') {
      await replyWithCard(context, card);
    }
  }

  private async handleMessage(turn: Turn): Promise<void> {
    const t = TEXTS[turn.language];
    const files = sentFiles(turn.attachments);
    if (files.length > 0) {
      await this.refusingPolitely(turn, 'files', () => handleSentFiles(turn, files));
      return;
    }
    const text = normaliseCommand(turn.text());
    if (text.length > MAX_COMMAND_LENGTH) {
      await turn.reply(noticeCard({ title: t.unknownCommandTitle, text: t.unknownCommandText }));
      return;
    }
    const found = findCommand(text);
    if (!found) {
      // A typo, or a command used the wrong way: the nearest command the person may give.
      const suggestion = text === '' ? undefined : await didYouMean(turn, text, findCommand);
      if (suggestion) {
        await turn.reply(suggestion);
        return;
      }
      await turn.reply(noticeCard({ title: t.unknownCommandTitle, text: t.unknownCommandText }));
      if (text === '') await turn.reply(helpCard(turn.language, this.services.clock.now()));
      return;
    }
    await this.refusingPolitely(turn, found.command.name, () => found.command.handle(turn, found.match));
  }

  /** Runs a command; a refusal by the domain becomes a card in the user's language. */
  private async refusingPolitely(turn: Turn, command: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      turn.services.log.info({ code: error.code, command }, 'command refused');
      const t = TEXTS[turn.language];
      await turn.reply(
        noticeCard({ title: t.refusedTitle, text: error.messageFor(turn.language), tone: 'attention' }),
      );
    }
  }

  /**
   * botbuilder reads `value.action.type` without checking that there is an action, so a
   * malformed invoke would surface as a server error; it gets a 400 answer instead.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const value: unknown = context.activity.value;
    if (context.activity.name === 'adaptiveCard/action' && !(isRecord(value) && isRecord(value['action']))) {
      return badRequest('An adaptiveCard/action invoke needs value.action.');
    }
    const response = await super.onInvokeActivity(context);
    // botbuilder answers an invoke it has no handler for with 501; for a client that sent
    // something this bot never offered, that is a bad request, not a server fault.
    if (response.status === 501) return badRequest('This bot does not handle this invoke.');
    return response;
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data: Record<string, unknown> = isRecord(invokeValue.action.data) ? invokeValue.action.data : {};
    const language = asLanguage(data['language']) ?? this.clientLanguage(context);
    const turn = teamsTurn(context, personOf(context), language, this.services);
    const action = findCardAction(asString(invokeValue.action.verb));
    let card: AdaptiveCard;
    try {
      card = action
        ? await action.handle(turn, data)
        : noticeCard({ title: TEXTS[language].unknownCommandTitle, tone: 'attention' });
    } catch (error) {
      // An invoke must get an answer Teams can show; a 500 would only say "something went wrong".
      this.services.log.error({ err: error, verb: action?.verb }, 'card action failed');
      const t = TEXTS[language];
      card = noticeCard({ title: t.failureTitle, text: t.failureText, tone: 'attention' });
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  /**
   * The bot was added to a team (or group chat): every member is remembered, so owners the
   * register names by e-mail can be asked in a 1:1 chat even if they never opened the app.
   */
  private async welcomeTeam(
    context: TurnContext,
    turn: Turn,
    scope: { readonly teamId?: string },
  ): Promise<void> {
    const t = TEXTS[turn.language];
    let remembered: RememberedTeam;
    try {
      const members = await readRoster(context, scope);
      remembered = await rememberTeamMembers(
        { members, defaultLanguage: this.services.defaultLanguage },
        { contacts: this.services.repositories.contacts, clock: this.services.clock },
      );
    } catch (error) {
      this.services.log.warn({ err: error, team: scope.teamId }, 'could not read the team roster');
      await turn.reply(noticeCard({ title: t.teamWelcomeTitle, text: t.teamRosterFailed }));
      return;
    }
    this.services.log.info({ team: scope.teamId, ...remembered }, 'team roster remembered');
    const known = remembered.added + remembered.updated;
    await turn.reply(noticeCard({ title: t.teamWelcomeTitle, text: t.teamWelcomeText(known) }));
  }

  /** People who join a team the bot is in are remembered the same way, without a word in the channel. */
  private async rememberNewMembers(context: TurnContext, scope: { readonly teamId?: string }): Promise<void> {
    const botId = context.activity.recipient.id;
    const ids = (context.activity.membersAdded ?? []).map((member) => member.id).filter((id) => id !== botId);
    if (ids.length === 0) return;
    try {
      const members = await readAddedMembers(context, scope, ids);
      const remembered = await rememberTeamMembers(
        { members, defaultLanguage: this.services.defaultLanguage },
        { contacts: this.services.repositories.contacts, clock: this.services.clock },
      );
      this.services.log.info({ team: scope.teamId, ...remembered }, 'new team members remembered');
    } catch (error) {
      this.services.log.warn({ err: error, team: scope.teamId }, 'could not look up new team members');
    }
  }

  /** Remembers where to reach the person and settles the language for this turn. */
  private async startTurn(context: TurnContext): Promise<Turn> {
    const person = personOf(context);
    if (context.activity.conversation.conversationType !== 'personal' || !isPersonId(person.id)) {
      // Only the 1:1 chat is an address for status requests; a channel must never replace it, and
      // a sender claiming an id the contacts store uses for something else is not remembered.
      const known = await this.services.repositories.contacts.get(person.id);
      return teamsTurn(context, person, known?.language ?? this.clientLanguage(context), this.services);
    }
    const contact = await rememberContact(
      {
        person,
        clientLanguage: this.clientLanguage(context),
        address: addressOf(context),
      },
      { contacts: this.services.repositories.contacts, clock: this.services.clock },
    );
    return teamsTurn(context, person, contact.language, this.services);
  }

  private clientLanguage(context: TurnContext): Language {
    // Off the wire: a locale may be missing, or not even text.
    return (
      asLanguage(asString(context.activity.locale).slice(0, 2).toLowerCase()) ?? this.services.defaultLanguage
    );
  }
}

/**
 * The 1:1 chat as a conversation reference, without the id of the activity that happened to
 * bring it: that changes every turn, the address does not.
 */
function addressOf(context: TurnContext): Record<string, unknown> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity);
  return { ...reference };
}

/** The person behind an activity, by Entra object id; other channels fall back to their user id. */
export function personOf(context: TurnContext): Person {
  const from = context.activity.from;
  return { id: asString(from.aadObjectId ?? from.id).toLowerCase(), name: asString(from.name) };
}

/** The Entra tenant an activity comes from, as Teams sends it (lower case). */
function tenantOf(activity: TurnContext['activity']): string | undefined {
  const fromConversation: unknown = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  const channelData: unknown = activity.channelData;
  const fromChannelData =
    isRecord(channelData) && isRecord(channelData['tenant']) ? channelData['tenant']['id'] : undefined;
  const tenant = typeof fromConversation === 'string' ? fromConversation : fromChannelData;
  return typeof tenant === 'string' && tenant !== '' ? tenant.toLowerCase() : undefined;
}

function badRequest(message: string): InvokeResponse {
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message },
    },
  };
}

function asLanguage(value: unknown): Language | undefined {
  return value === 'nl' || value === 'en' ? value : undefined;
}

/** Activities come off the wire: a field typed string may still be missing or something else. */
function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
