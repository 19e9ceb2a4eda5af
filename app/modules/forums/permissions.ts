// One vocabulary for the server's checks and the UI's buttons: the UI offers an action exactly
// when the server would accept it.
export type AccessLike = { canRead: boolean; canPost: boolean; canModerate: boolean }
type ViewerLike = { id: string }
type PostLike = { authorId: string; deletedAt: Date | string | null; number: number }
type ThreadLike = { kind: string; authorId: string; locked: boolean }

export const forumCan = {
	reply: (access: AccessLike, thread: ThreadLike) => access.canPost && !thread.locked,
	editPost: (viewer: ViewerLike, access: AccessLike, post: PostLike) =>
		!post.deletedAt && (post.authorId === viewer.id || access.canModerate),
	deletePost: (viewer: ViewerLike, access: AccessLike, post: PostLike) =>
		!post.deletedAt && (post.authorId === viewer.id || access.canModerate),
	hidePost: (access: AccessLike) => access.canModerate,
	seeRevisions: (access: AccessLike) => access.canModerate,
	lockThread: (access: AccessLike) => access.canModerate,
	pinThread: (access: AccessLike) => access.canModerate,
	acceptAnswer: (viewer: ViewerLike, access: AccessLike, thread: ThreadLike, post: PostLike) =>
		thread.kind === 'question' && post.number > 1 && !post.deletedAt && (thread.authorId === viewer.id || access.canModerate),
	react: (viewer: ViewerLike, access: AccessLike, post: PostLike) => access.canPost && !post.deletedAt && post.authorId !== viewer.id,
}
