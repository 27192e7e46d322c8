import { CATEGORIES, type Category, ORDERS, type OrderId } from '@authforte/core/profession-classifier';

/** The strings' entries that name reference data: a category, a professional order. */
export type ReferenceNames = { [K in Category as `category.${K}`]: string } & {
  [K in OrderId as `order.${K}`]: string;
};

/**
 * The names of the categories and of the professional orders, taken from `@authforte/core`'s reference data (one
 * source for the element, the classifier's API and the host). In English an order keeps its French name, which
 * is how it is known (marked `lang="fr"` when rendered).
 */
export function referenceNames(lang: 'fr' | 'en'): ReferenceNames {
  const names: Record<string, string> = {};
  for (const [id, category] of Object.entries(CATEGORIES))
    names[`category.${id}`] = lang === 'fr' ? category.label : category.labelEn;
  for (const [id, order] of Object.entries(ORDERS))
    names[`order.${id}`] = lang === 'fr' ? order.label : `${order.labelEn} (${order.label})`;
  return names as ReferenceNames;
}
