/**
 * Call `repaint` when the page's colours change: the colour scheme, or a class on <html>
 * (projector mode). Canvas colours are read from CSS custom properties once per paint, so
 * canvases must repaint then. Returns the function that stops watching.
 */
export function onThemeChange(repaint: () => void): () => void {
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', repaint);
  const classes = new MutationObserver(repaint);
  classes.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => {
    scheme.removeEventListener('change', repaint);
    classes.disconnect();
  };
}
