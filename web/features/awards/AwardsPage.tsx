/** Placeholder until the page is built. */
export default function AwardsPage() {
  return null;
}
