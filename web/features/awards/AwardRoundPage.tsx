/** Placeholder until the page is built. */
export default function AwardRoundPage() {
  return null;
}
