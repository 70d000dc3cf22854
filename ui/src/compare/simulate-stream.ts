// POST /api/simulate with progress: the server streams `progress` events ({done, total}) while the
// households are evaluated, then one `result` (or `error`) event (engine/compare/routes.ts). The
// caller's AbortSignal cancels the run: the server stops the job when the client goes away.
import { csrfHeader, errorOf, uiError, type ApiResult, type SimulationResult } from '../api.ts';
import type { Bilingual } from '../../../dsl/message.ts';
import { readEvents } from '../common/sse.ts';

export interface SimulateBody {
  population: string;
  policies: string[];
  n?: number;
  seed?: number;
}

export async function simulateWithProgress(
  body: SimulateBody,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ApiResult<SimulationResult>> {
  const fail = (status: number, code: string, text: Bilingual): ApiResult<SimulationResult> => ({
    ok: false,
    status,
    error: uiError(code, status, text),
  });
  let res: Response;
  try {
    res = await fetch('/api/simulate', {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...csrfHeader('POST') },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    return (e as Error)?.name === 'AbortError'
      ? fail(0, 'ABORTED', { zh: '已取消', en: 'cancelled' })
      : fail(0, 'NETWORK', { zh: '无法连接服务器', en: 'cannot reach the server' });
  }
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('event-stream') || !res.body) {
    // Refused before the stream began (a bad request, a busy server): an ordinary JSON answer.
    const data = type.includes('json') ? await res.json().catch(() => null) : null;
    if (res.ok) return { ok: true, status: res.status, data: data as SimulationResult };
    return { ok: false, status: res.status, error: errorOf(res.status, data) };
  }
  let outcome: ApiResult<SimulationResult> | null = null;
  try {
    await readEvents(res.body, (e) => {
      const data = JSON.parse(e.data) as Record<string, unknown>;
      if (e.event === 'progress') onProgress(Number(data.done), Number(data.total));
      else if (e.event === 'result') outcome = { ok: true, status: 200, data: data as unknown as SimulationResult };
      else if (e.event === 'error') {
        const status = Number(data.status) || 500;
        outcome = { ok: false, status, error: errorOf(status, data) };
      }
    });
  } catch (e) {
    return (e as Error)?.name === 'AbortError'
      ? fail(0, 'ABORTED', { zh: '已取消', en: 'cancelled' })
      : fail(0, 'NETWORK', { zh: '连接中断', en: 'the connection broke' });
  }
  return outcome ?? fail(0, 'NETWORK', { zh: '服务器未给出结果', en: 'the server sent no result' });
}
