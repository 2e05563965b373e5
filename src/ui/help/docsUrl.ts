// The docs ship beside the app (vite.config.ts copies docs/*.md into the build), so links work offline too.

/** URL of a docs page, e.g. docsUrl('mnist.md', 'memory-figures'). */
export const docsUrl = (page: string, section?: string): string =>
  `${import.meta.env.BASE_URL}docs/${page}${section ? `#${section}` : ''}`;
