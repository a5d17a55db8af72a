import type { Language } from '../../domain/model';
import { chooseLanguage } from '../../domain/use-cases/remember-contact';
import { noticeCard } from '../cards';
import { TEXTS } from '../texts';
import type { Command } from '../turn';

const LANGUAGES: Record<string, Language> = {
  nl: 'nl',
  nederlands: 'nl',
  dutch: 'nl',
  en: 'en',
  engels: 'en',
  english: 'en',
};

export const languageCommand: Command = {
  name: 'language',
  patterns: [/^(?:taal|language) (nl|nederlands|dutch|en|engels|english)$/],
  async handle(turn, match) {
    const language = LANGUAGES[match[1] ?? ''] ?? turn.language;
    await chooseLanguage(
      { person: turn.person, language },
      { contacts: turn.services.repositories.contacts, clock: turn.services.clock },
    );
    await turn.reply(noticeCard({ title: TEXTS[language].languageSet, tone: 'good' }));
  },
};
