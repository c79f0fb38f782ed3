/** Reads SSE messages from a response body until `count` data events have arrived. */
export async function readEvents(response: Response, count: number, timeoutMs = 5000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: { id?: string; event?: string; data: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (messages.filter((m) => !m.event).length < count) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('id:')) message.id = line.slice(3).trim();
        else if (line.startsWith('event:')) message.event = line.slice(6).trim();
        else if (line.startsWith('data:')) message.data += line.slice(5).trim();
      }
      if (message.data) messages.push(message);
    }
  }
  await reader.cancel();
  return messages.filter((m) => !m.event);
}

