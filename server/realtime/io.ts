import type { RemoteSocket, Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/utils/realtime.ts'
import type { SocketData } from './handshake.ts'

// socket.io's generics bound to PeerPower's realtime contract (app/utils/realtime.ts): an event
// name or payload that is not in the contract does not compile, on either side.
type InterServerEvents = Record<string, never>
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
export type AppRemoteSocket = RemoteSocket<ServerToClientEvents, SocketData>
