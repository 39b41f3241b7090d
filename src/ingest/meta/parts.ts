/** Class or id words of the parts of a page that are not the article: comments, other stories, widgets. */
const OTHER_PART = /^(?:[\w]+[-_])?(?:comments?|related|sidebar|widget|recommended|popular|most-read)(?:[-_][\w-]+)?$/i;

/**
 * Inside navigation, a footer, comments or other stories, where dates and names belong to something else;
 * an <aside> within the <article> is the article's own.
 */
export function outsideArticle(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const tag = e.tagName.toLowerCase();
    // The body's classes are the whole page's settings ("f_alerts_sidebar_on"), never a part of it.
    if (tag === 'body') return false;
    if (tag === 'nav' || tag === 'footer' || tag === 'head' || tag === 'script' || tag === 'style') return true;
    if (tag === 'aside' && !e.closest('article')) return true;
    const words = `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`.split(/\s+/);
    if (words.some((w) => OTHER_PART.test(w))) return true;
  }
  return false;
}
