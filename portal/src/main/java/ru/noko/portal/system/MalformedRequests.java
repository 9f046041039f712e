package ru.noko.portal.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A form that is not what its route takes (an upload sent without its file, by a script or a broken client) is bad
 * input: 400 and the error page in Russian saying so, not a failure of the portal.
 */
@ControllerAdvice
class MalformedRequests {

    @ExceptionHandler(MultipartException.class)
    ModelAndView notAnUpload(MultipartException e, HttpServletResponse response) {
        HttpStatus status =
                e instanceof MaxUploadSizeExceededException ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject(
                "problem",
                status == HttpStatus.PAYLOAD_TOO_LARGE
                        ? "Файл больше допустимых 10 МБ. Ничего не загружено."
                        : "Форма отправлена без файла. Выберите файл и отправьте форму ещё раз.");
        return page;
    }
}
