import type { ButtonHTMLAttributes } from 'react'
import { cn } from '#app/utils/misc.ts'

const variants = {
	primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60',
	secondary: 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50',
	danger: 'bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50',
	ghost: 'text-slate-700 hover:bg-slate-100',
}

export function buttonClasses(variant: keyof typeof variants = 'primary', size: 'md' | 'sm' = 'md'): string {
	return cn(
		'inline-flex items-center justify-center gap-2 rounded-md font-medium no-underline transition-colors hover:no-underline disabled:cursor-not-allowed',
		size === 'md' ? 'px-4 py-2 text-sm' : 'px-2.5 py-1 text-xs',
		variants[variant],
	)
}

export function Button({
	variant = 'primary',
	size = 'md',
	className,
	type = 'submit',
	...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; size?: 'md' | 'sm' }) {
	return <button type={type} className={cn(buttonClasses(variant, size), className)} {...props} />
}
