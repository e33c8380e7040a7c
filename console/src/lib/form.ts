// Form helpers: messages by field from the API's errors (extensions.field), for ElFormItem's `error`.
import { reactive } from 'vue'
import type { ApiError } from './graphql'

export interface FieldErrors {
  /** message by input field name (as the API names it: seat, unitId, since, title, ...) */
  fields: Record<string, string>
  /** messages that name no field */
  general: string[]
  clear(): void
  show(error: ApiError): void
}

export function useFieldErrors(): FieldErrors {
  const state: FieldErrors = reactive({
    fields: {} as Record<string, string>,
    general: [] as string[],
    clear() {
      for (const key of Object.keys(state.fields)) delete state.fields[key]
      state.general.splice(0)
    },
    show(error: ApiError) {
      state.clear()
      Object.assign(state.fields, error.byField)
      state.general.push(...error.general)
    },
  })
  return state
}
