/** Refusals and failures: a store out of reach, a card or tenant that does not fit, something gone wrong. */
const nl = {
  storeUnavailable:
    'Niet opgeslagen: de opslag is even niet bereikbaar. Uw tekst staat hieronder nog; probeer het zo opnieuw.',
  unknownCard: 'Deze kaart hoort bij een ronde of project dat niet (meer) bestaat.',
  foreignTenantTitle: 'Niet voor uw organisatie',
  foreignTenantText:
    'Deze bot werkt alleen voor medewerkers van de organisatie die hem heeft geïnstalleerd. Er is niets opgeslagen.',
  refusedTitle: 'Dat kan niet',
  failureTitle: 'Er ging iets mis',
  failureText: 'Er ging aan mijn kant iets mis. Probeer het over een paar minuten opnieuw.',
  unexpectedCardError: 'Er ging iets mis bij het opslaan. Uw tekst staat hieronder nog; probeer het opnieuw.',
};

const en: typeof nl = {
  storeUnavailable:
    'Not saved: storage cannot be reached just now. Your text is still below; please try again shortly.',
  unknownCard: 'This card belongs to a round or project that does not exist (any more).',
  foreignTenantTitle: 'Not for your organisation',
  foreignTenantText:
    'This bot only works for staff of the organisation that installed it. Nothing has been stored.',
  refusedTitle: 'That is not possible',
  failureTitle: 'Something went wrong',
  failureText: 'Something went wrong on my side. Please try again in a few minutes.',
  unexpectedCardError: 'Something went wrong while saving. Your text is still below; please try again.',
};

export const errorTexts = { nl, en };
