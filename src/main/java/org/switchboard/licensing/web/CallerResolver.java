package org.switchboard.licensing.web;

import java.lang.reflect.Method;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.BearerToken;

/**
 * Resolves a {@link Caller}: a request with a bearer key is a phone system (its key is checked
 * by the endpoint, against the instance in the path); any other is a person, resolved as a
 * {@link CurrentUser} parameter would be.
 */
@Configuration(proxyBeanMethods = false)
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final MethodParameter CURRENT_USER;

    static {
        try {
            Method m = CallerResolver.class.getDeclaredMethod("currentUserShape", CurrentUser.class);
            CURRENT_USER = new MethodParameter(m, 0);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static void currentUserShape(CurrentUser user) {
    }

    private final ObjectProvider<HandlerMethodArgumentResolver> resolvers;

    CallerResolver(ObjectProvider<HandlerMethodArgumentResolver> resolvers) {
        this.resolvers = resolvers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> list) {
        list.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) throws Exception {
        String authorization = request.getHeader("Authorization");
        if (BearerToken.isBearer(authorization)) {
            return new Caller(null, authorization);
        }
        HandlerMethodArgumentResolver users = resolvers.orderedStream()
                .filter(r -> r != this && r.supportsParameter(CURRENT_USER)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No resolver of the current user"));
        return new Caller((CurrentUser) users.resolveArgument(CURRENT_USER, mav, request, binderFactory), null);
    }
}
