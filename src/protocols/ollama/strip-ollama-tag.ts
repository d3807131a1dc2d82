/**
 * The model id behind an Ollama model name. Ollama names are `model:tag` and a missing tag means `latest`, so
 * clients send either form: `gpt-4.1:latest` and `gpt-4.1` must reach the same model. Only the `latest` tag is
 * removed; any other tag is kept, because a `:` may be part of a real model id, and a tag the relay never listed
 * then fails resolution like an unknown model does on Ollama (404).
 */
export function stripOllamaTag(name: string): string {
  return name.replace(/:latest$/i, "");
}

/** The name the relay lists a model under: always tagged, as Ollama lists every model (`gpt-4.1:latest`). */
export function ollamaModelName(id: string): string {
  return /:[^:/]+$/.test(id) ? id : `${id}:latest`;
}
