// A process of socket.io clients, for the fan-out and memory scenarios: it opens sockets as
// browser tabs do (websocket only, one session cookie each), joins them to a room, and reports
// when the last of them has received an event. Times are wall-clock milliseconds with
// sub-millisecond precision (performance.timeOrigin + performance.now()), comparable between the
// processes of one machine.
import { io, type Socket } from 'socket.io-client'
import { serve } from '../lib/children.ts'

const sockets: Socket[] = []
// One broadcast is awaited at a time: every 'thread:post-created' after `arm` counts for it.
let current: { remaining: number; last: number; done: () => void; finished: Promise<void> } | null = null
const now = () => performance.timeOrigin + performance.now()

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms))),
	]).finally(() => clearTimeout(timer))
}

serve({
	/** Opens one socket per cookie (or `count` without cookies), `batch` handshakes at a time. */
	async connect(request) {
		const { url, cookies, count } = request as { url: string; cookies?: string[]; count: number }
		for (let i = 0; i < count; i += 100) {
			const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => {
				const cookie = cookies?.[i + j]
				const socket = io(url, {
					transports: ['websocket'],
					extraHeaders: cookie ? { cookie } : {},
					reconnection: false,
					forceNew: true,
					// 10,000 handshakes on a loaded machine outlast socket.io's default 20 s.
					timeout: 120_000,
				})
				sockets.push(socket)
				socket.on('thread:post-created', () => {
					const round = current
					if (!round || round.remaining === 0) return
					round.last = now()
					if (--round.remaining === 0) round.done()
				})
				return new Promise<void>((resolve, reject) => {
					socket.once('connect', () => resolve())
					socket.once('connect_error', (error) => reject(new Error(`socket refused: ${error.message}`)))
				})
			})
			await within(Promise.all(batch), 60_000, 'connecting sockets')
		}
		return sockets.length
	},

	/** Sends `event` with `payload` on every socket, 200 at a time, waiting for each ack. */
	async join(request) {
		const { event, payload } = request as { event: string; payload: unknown }
		for (let i = 0; i < sockets.length; i += 200) {
			const answers = await within(
				Promise.all(sockets.slice(i, i + 200).map((s) => s.timeout(60_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>)),
				120_000,
				'joining the room',
			)
			if (answers.some((answer) => !answer?.ok)) throw new Error(`a socket was refused by ${event}`)
		}
		return sockets.length
	},

	/** Starts waiting for the next event on every socket; `wait` then gives the last arrival. */
	arm() {
		let done!: () => void
		const finished = new Promise<void>((resolve) => (done = resolve))
		current = { remaining: sockets.length, last: 0, done, finished }
		return true
	},

	async wait() {
		const round = current!
		await within(round.finished, 60_000, 'the event reaching every socket')
		current = null
		return round.last
	},

	disconnect() {
		for (const socket of sockets) socket.disconnect()
		sockets.length = 0
		return true
	},
})
