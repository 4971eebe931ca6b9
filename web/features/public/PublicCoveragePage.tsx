/** Placeholder until the page is built. */
export default function PublicCoveragePage() {
  return null;
}
