package ru.noko.portal.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload over the limit is told so (413, the error page in Russian) before anything reads it: otherwise the
 * multipart parser fails inside the security filters, which read the form's CSRF field, and the answer has no page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadSizeLimit extends OncePerRequestFilter {

    /** Written before the request is read, so without the session the layout's menu needs: a page of its own. */
    private static final String TOO_LARGE = """
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Файл слишком большой — личный кабинет НОКО</title><link rel="stylesheet" href="/portal.css"></head>
            <body><header><strong>Личный кабинет НОКО</strong></header><main><h1>Файл слишком большой</h1>
            <p>Файлы больше допустимого: не более 10 МБ каждый и 40 МБ за одну отправку. Ничего не загружено.</p><p><a href="/">На главную</a></p></main></body></html>
            """;

    private final long limit;

    UploadSizeLimit(
            @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-request-size}")
                    DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Connection", "close");
            response.getWriter().write(TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
