import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { HouseStyle, HouseTemplate, Person } from '../model';
import type { HouseTemplateRepository } from '../repositories';

export interface HouseTemplateDeps {
  readonly houseTemplates: HouseTemplateRepository;
  readonly clock: Clock;
  readonly isCoordinator: (person: Person) => boolean;
}

/**
 * A coordinator sets the organisation's house template: every chapter compiled to Word from now
 * on takes its styles. The file has been read and checked already (src/report/house-template.ts),
 * so a file that cannot serve never replaces the template in use. Returns what is stored now and
 * the file it replaced, if any.
 */
export async function storeHouseTemplate(
  input: {
    readonly style: HouseStyle;
    readonly fileName: string;
    readonly size: number;
    readonly by: Person;
  },
  deps: HouseTemplateDeps,
): Promise<{ readonly template: HouseTemplate; readonly replaced?: string }> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const previous = await deps.houseTemplates.get();
  const template: HouseTemplate = {
    styles: input.style.styles,
    ...(input.style.theme === undefined ? {} : { theme: input.style.theme }),
    ...(input.style.defaultTableStyle === undefined
      ? {}
      : { defaultTableStyle: input.style.defaultTableStyle }),
    fileName: input.fileName,
    size: input.size,
    storedBy: input.by.id,
    storedByName: input.by.name,
    storedAt: deps.clock.now().toISOString(),
  };
  await deps.houseTemplates.put(template);
  return { template, ...(previous ? { replaced: previous.fileName } : {}) };
}

/** The template in use, for a coordinator who asks; undefined when the chapter has the plain styles. */
export async function currentHouseTemplate(
  input: { readonly by: Person },
  deps: HouseTemplateDeps,
): Promise<HouseTemplate | undefined> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  return deps.houseTemplates.get();
}

/**
 * A coordinator removes the house template: the next chapter has the plain styles again.
 * Returns the template removed, or undefined when there was none.
 */
export async function removeHouseTemplate(
  input: { readonly by: Person },
  deps: HouseTemplateDeps,
): Promise<HouseTemplate | undefined> {
  if (!deps.isCoordinator(input.by)) throw new DomainError('NOT_COORDINATOR');
  const current = await deps.houseTemplates.get();
  if (!current) return undefined;
  await deps.houseTemplates.remove();
  return current;
}
