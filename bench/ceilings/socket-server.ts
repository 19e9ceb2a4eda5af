// Ceiling for the realtime scenarios: a bare socket.io server (no handshake auth, no guard, no
// database). A client joins a room with 'join'; POST /emit/<room> broadcasts the request's JSON
// body to it as 'thread:post-created', as the app does after a reply. Its RSS per idle socket is
// the memory ceiling.
//   PORT=<port> node --import tsx bench/ceilings/socket-server.ts
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const server = createServer((req, res) => {
	const room = /^\/emit\/(.+)$/.exec(req.url ?? '')?.[1]
	if (req.method !== 'POST' || !room) {
		res.writeHead(req.url === '/healthz' ? 200 : 404).end()
		return
	}
	let body = ''
	req.setEncoding('utf8')
	req.on('data', (chunk: string) => (body += chunk))
	req.on('end', () => {
		io.to(room).emit('thread:post-created', JSON.parse(body))
		res.writeHead(204).end()
	})
})
const io = new Server(server, { transports: ['websocket'] })
io.on('connection', (socket) => {
	socket.on('join', async (room: string, ack?: (answer: { ok: boolean }) => void) => {
		await socket.join(room)
		ack?.({ ok: true })
	})
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	const address = server.address()
	console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
})
process.on('SIGTERM', () => {
	void io.close()
	server.close(() => process.exit(0))
})
