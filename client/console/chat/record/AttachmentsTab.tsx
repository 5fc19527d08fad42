// The Attachments tab: every file of the chat, both directions, with its name, type, size, who
// sent it and when, and a download. Files are always served as downloads (never rendered in our
// origin); the conversation previews the image types that are safe inline.
import type { ChatEvent } from '../../../../objects/protocol.ts';
import { formatSize } from '../../../../objects/rules/files.ts';
import { formatStarted } from '../../ui/time.ts';

export const fileHref = (chatId: string, fileId: string) => `/api/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileId)}`;

export function AttachmentsTab({ chatId, events, now }: { chatId: string; events: readonly ChatEvent[]; now: number }) {
  const files = events.flatMap((e) => (e.kind === 'file' ? [e] : []));
  return (
    <table class="attachments">
      <caption class="sr-only">Files sent in this chat</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Sent by</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {files.map((e) => (
          <tr key={e.file.id}>
            <td>
              <a href={fileHref(chatId, e.file.id)} download={e.file.filename}>
                {e.file.filename}
              </a>
            </td>
            <td>{e.file.contentType}</td>
            <td>{formatSize(e.file.size)}</td>
            <td>{e.from.role === 'visitor' ? `${e.from.name} (customer)` : e.from.name}</td>
            <td>
              <time dateTime={new Date(e.at).toISOString()}>{formatStarted(e.at, now)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
