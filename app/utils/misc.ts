import { clsx, type ClassValue } from 'clsx'

export function cn(...inputs: ClassValue[]): string {
	return clsx(inputs)
}

export function initials(name: string): string {
	const parts = name.trim().split(/\s+/).filter(Boolean)
	const first = parts[0]?.[0] ?? '?'
	const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''
	return (first + last).toUpperCase()
}

export function pageTitle(...parts: string[]): string {
	return [...parts, 'PeerPower'].join(' · ')
}
