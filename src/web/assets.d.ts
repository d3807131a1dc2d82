// The dashboard's files are imported as text (`with { type: "text" }`) so `bun build --compile` embeds them.
declare module "*.mjs" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
