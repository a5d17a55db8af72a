/** The coordinator's daily list after the deadline, and the weekly digest in a team channel. */
const nl = {
  digestTitle: (round: string) => `Nog niet ingevuld: ${round}`,
  digestText: (missing: number, total: number, deadline: string) =>
    `${missing} van ${total} projecten hebben nog geen antwoord; de deadline was ${deadline}.`,
  weeklyTitle: (round: string) => `Weekoverzicht: ${round}`,
  weeklyAsOf: (when: string, deadline: string, passed: boolean) =>
    passed ? `Stand van ${when}. De deadline was ${deadline}.` : `Stand van ${when}. Deadline: ${deadline}.`,
  weeklyProgress: (answered: number, total: number, percent: number) =>
    `${answered} van ${total} projecten beantwoord (${percent}%)`,
  weeklyMissing: (count: number) => `Nog zonder antwoord (${count}):`,
  weeklyMore: (count: number) => ` … en nog ${count}`,
  weeklyAllAnswered: 'Alle projecten zijn beantwoord.',
  weeklyHint: 'Typ **samenvatting** in de 1-op-1-chat met mij voor de stand per project.',
  weeklyOnTitle: 'Het weekoverzicht staat aan',
  weeklyAlreadyOnTitle: 'Het weekoverzicht stond al aan',
  weeklyOnText: (first: string | undefined) =>
    'Elke maandag om 09:00 (na een feestdag op de eerste werkdag) plaats ik hier hoe ver de lopende ronde is: ' +
    'hoeveel projecten zijn beantwoord, per status, en welke nog niet (alleen projectnummers, geen namen). ' +
    (first
      ? `Het eerste overzicht komt ${first}. `
      : 'Er is nu geen ronde open; het eerste overzicht komt in de eerste week waarin er een open is. ') +
    'Met **weekoverzicht uit** stopt het.',
  weeklyStoppedTitle: (channel: string) => `Het weekoverzicht in ${channel || 'het teamkanaal'} is gestopt`,
  weeklyStoppedText: (reason: string) =>
    `Ik kon het weekoverzicht daar niet plaatsen (${reason}) en plaats het er niet meer. ` +
    'Voeg de app weer aan het team toe en typ in het kanaal **@Stand van zaken weekoverzicht hier** om het weer aan te zetten.',
  weeklyOffTitle: 'Het weekoverzicht staat uit',
  weeklyOffText: 'Ik plaats hier geen weekoverzicht meer. Met **weekoverzicht hier** zet u het weer aan.',
  weeklyWasOffTitle: 'Er was hier geen weekoverzicht',
  weeklyWasOffText: 'Dit kanaal kreeg geen weekoverzicht; er verandert niets.',
  weeklyChannelOnly:
    'Het weekoverzicht komt in een teamkanaal. Typ in het kanaal waar het moet komen **@Stand van zaken weekoverzicht hier** (de app moet aan het team zijn toegevoegd).',
  weeklyUsage: 'Typ in het teamkanaal **weekoverzicht hier** of **weekoverzicht uit**.',
};

const en: typeof nl = {
  digestTitle: (round: string) => `Not yet answered: ${round}`,
  digestText: (missing: number, total: number, deadline: string) =>
    `${missing} of ${total} projects have no answer yet; the deadline was ${deadline}.`,
  weeklyTitle: (round: string) => `Weekly digest: ${round}`,
  weeklyAsOf: (when: string, deadline: string, passed: boolean) =>
    passed ? `As of ${when}. The deadline was ${deadline}.` : `As of ${when}. Deadline: ${deadline}.`,
  weeklyProgress: (answered: number, total: number, percent: number) =>
    `${answered} of ${total} projects answered (${percent}%)`,
  weeklyMissing: (count: number) => `Still without an answer (${count}):`,
  weeklyMore: (count: number) => ` … and ${count} more`,
  weeklyAllAnswered: 'Every project has been answered.',
  weeklyHint: 'Type **summary** in your 1:1 chat with me for the status per project.',
  weeklyOnTitle: 'The weekly digest is on',
  weeklyAlreadyOnTitle: 'The weekly digest was on already',
  weeklyOnText: (first: string | undefined) =>
    'Every Monday at 09:00 (after a public holiday on the first working day) I post here how far the current round is: ' +
    'how many projects have been answered, per status, and which have not (project numbers only, no names). ' +
    (first
      ? `The first one comes ${first}. `
      : 'No round is open now; the first digest comes in the first week one is. ') +
    '**weekly digest off** stops it.',
  weeklyStoppedTitle: (channel: string) =>
    `The weekly digest in ${channel || 'the team channel'} has stopped`,
  weeklyStoppedText: (reason: string) =>
    `I could not post the weekly digest there (${reason}) and will not post it there any more. ` +
    'Add the app to the team again and type **@Stand van zaken weekly digest here** in the channel to switch it back on.',
  weeklyOffTitle: 'The weekly digest is off',
  weeklyOffText: 'I will post no more weekly digests here. **weekly digest here** switches it back on.',
  weeklyWasOffTitle: 'There was no weekly digest here',
  weeklyWasOffText: 'This channel did not get a weekly digest; nothing changes.',
  weeklyChannelOnly:
    'The weekly digest goes to a team channel. In the channel where it should appear, type **@Stand van zaken weekly digest here** (the app must have been added to the team).',
  weeklyUsage: 'Type **weekly digest here** or **weekly digest off** in the team channel.',
};

export const digestTexts = { nl, en };
