package ru.noko.portal.registry;

/**
 * Which page of a long list (a region's ten thousand organizations and their accounts) is shown: the one asked for,
 * held inside the list, and how many there are.
 *
 * @param page the page shown, from 0
 * @param pages how many pages the list has (at least one, even when empty)
 * @param found how many rows the list has
 * @param size rows per page
 */
public record ListPage(int page, int pages, long found, int size) {

    public static ListPage of(int requested, long found, int size) {
        int pages = (int) Math.max(1, (found + size - 1) / size);
        return new ListPage(Math.max(0, Math.min(requested, pages - 1)), pages, found, size);
    }

    public int offset() {
        return page * size;
    }

    /** What the list pages' templates show of it (found, page, pages) and the search that made it. */
    public void show(org.springframework.ui.Model model, String search) {
        model.addAttribute("found", found);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("search", search);
    }
}
