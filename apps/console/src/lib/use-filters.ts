import { reactive, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { type FilterSchema, readFilters, writeFilters } from './query';

/** Reactive filters mirrored into the URL query (replace, so Back leaves the page rather than undoing a filter). */
export function useUrlFilters<S extends FilterSchema>(schema: S, onChange: () => void) {
  const route = useRoute();
  const router = useRouter();
  const filters = reactive(readFilters(route.query, schema)) as S;
  watch(
    () => ({ ...filters }),
    () => {
      void router.replace({ query: writeFilters(filters as S, schema) });
      onChange();
    },
    { deep: true },
  );
  return filters;
}
